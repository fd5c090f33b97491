package org.flapp.app;

import java.nio.file.Path;
import java.util.List;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.Tub;

/**
 * Builds the object a FURL names from its {@code services.json} entry: the seam between the
 * server and the services module (which knows the service types and their arguments). The server
 * builds a fresh object at every lookup, so a changed or removed entry takes effect for the next
 * connection; {@code flappserver add} builds one (with no Tub) only to validate the arguments.
 */
@FunctionalInterface
interface ServiceBuilder {
    /**
     * @param serviceDirectory the service's private directory (already exists)
     * @param tub the serving Tub, or {@code null} when only validating
     * @param type the service type name, e.g. {@code upload-file}
     * @param args the service arguments as given to {@code flappserver add}
     * @throws Exception the services module's {@code UnknownServiceType} or
     *     {@code BadServiceArguments} (see {@link ServiceFailures})
     */
    Referenceable build(Path serviceDirectory, Tub tub, String type, List<String> args) throws Exception;
}
