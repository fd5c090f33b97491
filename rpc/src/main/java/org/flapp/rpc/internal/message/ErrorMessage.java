package org.flapp.rpc.internal.message;

import org.flapp.rpc.RemoteException;

/**
 * An inbound {@code error} for our call {@code reqId}: the copied Failure's four byte strings,
 * decoded as UTF-8 (malformed bytes replaced).
 */
public record ErrorMessage(long reqId, RemoteException failure) implements PbMessage {}
