package org.flapp.rpc.furl;

import org.flapp.rpc.RpcException;

/** A FURL that does not follow Foolscap's grammar; the message says what is wrong. */
public class BadFurlException extends RpcException {
    public BadFurlException(String message) {
        super(message);
    }
}
