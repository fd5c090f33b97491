package org.flapp.app;

import org.flapp.services.BadServiceArguments;
import org.flapp.services.ServiceHelpRequested;
import org.flapp.services.ServiceType;
import org.flapp.services.UnknownServiceType;

/**
 * Turns the services module's exceptions into what each caller reports: the peer of a failed
 * lookup gets the error a Python server would send; {@code flappserver add} prints one line
 * (Python prints a traceback for an unknown type). Stateless.
 */
final class ServiceFailures {
    private ServiceFailures() {}

    /** The exception a failed lookup throws, so the Tub sends it to the peer. */
    static Exception forPeer(Exception e) {
        if (e instanceof BadServiceArguments bad) {
            return bad.toRemoteException();
        }
        if (e instanceof UnknownServiceType unknown) {
            return unknown.toRemoteException();
        }
        return e;
    }

    /** The one-line message {@code flappserver add} prints on stderr for {@code e}. */
    static String forUser(Exception e) {
        if (e instanceof UnknownServiceType) {
            StringBuilder known = new StringBuilder();
            for (ServiceType type : ServiceType.values()) {
                known.append(known.length() == 0 ? "" : ", ").append(type.wireName());
            }
            return "Error: unknown service type '" + e.getMessage() + "' (known types: " + known + ")";
        }
        return "Error: " + e.getMessage();
    }

    /** Text to print on stdout with exit status 0 when the arguments asked for help, else null. */
    static String helpText(Throwable e) {
        return e instanceof ServiceHelpRequested help ? help.text() : null;
    }
}
