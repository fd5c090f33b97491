package org.flapp.rpc.internal.message;

/** An inbound {@code answer} to our call {@code reqId}; {@code value} may be null (None). */
public record AnswerMessage(long reqId, Object value) implements PbMessage {}
