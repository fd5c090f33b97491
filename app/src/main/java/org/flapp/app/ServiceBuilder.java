package org.flapp.app;

import java.nio.file.Path;
import java.util.List;
import org.flapp.rpc.Referenceable;

/**
 * Builds the object a FURL names from its {@code services.json} entry: the seam between the
 * server and the services module ({@code ServiceFactory::build} is one), so tests can serve objects
 * of their own. The server builds a fresh object at every lookup, so a changed or removed entry
 * takes effect for the next connection.
 */
@FunctionalInterface
interface ServiceBuilder {
    /**
     * @param type the service type name, e.g. {@code upload-file}
     * @param args the service arguments as given to {@code flappserver add}
     * @param baseDirectory what relative paths in {@code args} are resolved against
     * @param serviceDirectory the service's private directory (already exists)
     * @throws Exception the services module's {@code UnknownServiceType} or
     *     {@code BadServiceArguments} (see {@link ServiceFailures})
     */
    Referenceable build(String type, List<String> args, Path baseDirectory, Path serviceDirectory) throws Exception;
}
