package org.flapp.services.options;

/** The line {@code --version} prints (Python prints its Twisted version instead). */
final class Version {
    private Version() {}

    static String line() {
        String version = Version.class.getPackage().getImplementationVersion();
        return "Flapp version: " + (version == null ? "unknown" : version) + "\n";
    }
}
