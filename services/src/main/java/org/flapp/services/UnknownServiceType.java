package org.flapp.services;

import org.flapp.rpc.RemoteException;

/**
 * No service has this type name (only {@code upload-file} and {@code run-command} exist). The
 * message is the type name alone, as in Python's {@code UnknownServiceType: TYPE}.
 */
public final class UnknownServiceType extends Exception {
    /** The Python type a Foolscap peer would see. */
    public static final String REMOTE_TYPE = "foolscap.appserver.services.UnknownServiceType";

    public UnknownServiceType(String typeName) {
        super(typeName);
    }

    /** The error to send to a peer whose lookup found an unknown service type. */
    public RemoteException toRemoteException() {
        return RemoteException.python(REMOTE_TYPE, getMessage());
    }
}
