package org.flapp.rpc.internal.message;

/**
 * One inbound top-level PB message, as {@link BananaDecoder} hands it to the PB layer.
 */
public sealed interface PbMessage permits CallMessage, AnswerMessage, ErrorMessage, RejectedCall,
        RejectedAnswer {}
