package org.flapp.app;

/**
 * Turns the services module's exceptions into what each caller reports: the peer of a failed
 * lookup gets the error a Python server would send; {@code flappserver add} prints one line.
 * Stateless.
 */
final class ServiceFailures {
    private ServiceFailures() {}

    /** The exception a failed lookup throws, so the Tub sends it to the peer. */
    static Exception forPeer(Exception e) {
        return e;
    }

    /** The one-line message {@code flappserver add} prints on stderr for {@code e}. */
    static String forUser(Exception e) {
        return "Error: " + e.getMessage();
    }

    /** Text to print on stdout with exit status 0 when the arguments asked for help, else null. */
    static String helpText(Throwable e) {
        return null;
    }
}
