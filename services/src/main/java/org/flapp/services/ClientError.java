package org.flapp.services;

import java.util.List;
import org.flapp.rpc.RemoteException;

/**
 * An error for a client whose traceback text ends with {@code TYPE: MESSAGE}, the last line of a
 * Python traceback. Python's flappclient prints only a failure's traceback text, so a bare
 * "Traceback unavailable" would hide why the call failed; no stack frames are sent.
 *
 * <pre>{@code throw ClientError.of("builtins.RuntimeError", "too many commands running at once");}</pre>
 */
public final class ClientError {
    private ClientError() {}

    /** A Python built-in exception type ({@code builtins.X}) carrying {@code message}. */
    public static RemoteException of(String type, String message) {
        return new RemoteException(type, message, "Traceback unavailable\n" + type + ": " + message + "\n",
                List.of(type, "builtins.Exception", "builtins.BaseException", "builtins.object"));
    }
}
