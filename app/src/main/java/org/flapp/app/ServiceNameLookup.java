package org.flapp.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.flapp.config.BaseDirectory;
import org.flapp.config.ServiceEntry;
import org.flapp.rpc.NameLookup;
import org.flapp.rpc.Referenceable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server's {@link NameLookup}: at every lookup it reads {@code services.json} again and
 * builds the named service afresh (relative paths in its arguments resolved against the base
 * directory), as Python's AppServer does, so services added by
 * {@code flappserver add} work at once and a removed one is no longer found.
 *
 * <p>A misconfigured entry (its directory gone, an unknown type) fails that lookup only, with the
 * error a Python server would send. Runs on the Tub's call executor (it reads files); thread-safe.
 */
final class ServiceNameLookup implements NameLookup {
    private static final Logger log = LoggerFactory.getLogger(ServiceNameLookup.class);

    private final BaseDirectory baseDirectory;
    private final ServiceBuilder builder;
    private final Path root;
    private final Consumer<String> served;

    /**
     * @param served told each name that was found, so removals can be watched for it
     */
    ServiceNameLookup(BaseDirectory baseDirectory, ServiceBuilder builder, Consumer<String> served) {
        this.baseDirectory = baseDirectory;
        this.builder = builder;
        this.root = baseDirectory.path().toAbsolutePath();
        this.served = served;
    }

    @Override
    public Referenceable lookup(String name) throws Exception {
        Optional<ServiceEntry> found = baseDirectory.lookup(name);
        if (found.isEmpty()) {
            log.info("lookup of an unknown name");
            return null;
        }
        ServiceEntry entry = found.get();
        try {
            Referenceable service = builder.build(entry.type(), entry.args(), root, baseDirectory.serviceDirectory(entry));
            served.accept(name);
            log.info("lookup: serving {} in {}", entry.type(), entry.relativeBasedir());
            return service;
        } catch (Exception e) {
            log.warn("lookup: the {} service in {} cannot be built: {}", entry.type(), entry.relativeBasedir(),
                    e.getMessage());
            throw ServiceFailures.forPeer(e);
        }
    }
}
