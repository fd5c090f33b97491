package org.flapp.rpc.internal.message;

import java.util.List;
import java.util.Map;

/**
 * An inbound {@code call}: run {@code methodName} on our object {@code targetClid} (0 = the
 * Broker) and, unless {@code reqId} is 0, answer with that request ID.
 *
 * @param methodName the method-name token's bytes decoded as UTF-8
 * @param args       positional arguments (may contain nulls: Python's None)
 * @param kwargs     keyword arguments in arrival order (a LinkedHashMap; values may be null)
 */
public record CallMessage(long reqId, long targetClid, String methodName,
                          List<Object> args, Map<String, Object> kwargs) implements PbMessage {}
