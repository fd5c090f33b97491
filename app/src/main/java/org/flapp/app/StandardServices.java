package org.flapp.app;

/**
 * The {@link ServiceBuilder} backed by the services module (upload-file, run-command).
 */
final class StandardServices {
    private StandardServices() {}

    static ServiceBuilder builder() {
        // replaced by the services module's factory once it is merged
        return (dir, tub, type, args) -> {
            throw new Exception(type);
        };
    }
}
