package org.flapp.rpc.internal.banana;

import java.math.BigInteger;

/**
 * The value a primitive token stands for, as {@link Unslicer#receiveChild} receives it: INT/NEG
 * and LONGINT/LONGNEG as Long (BigInteger when it does not fit), FLOAT as Double, STRING and
 * VOCAB as byte[]. Stateless.
 */
final class TokenValues {
    private TokenValues() {}

    static Object valueOf(Token token, VocabTable vocab) {
        switch (token.type()) {
            case Tokens.INT:
                return token.bigHeader() != null ? token.bigHeader() : (Object) token.header();
            case Tokens.NEG:
                return token.bigHeader() != null ? token.bigHeader().negate() : (Object) (-token.header());
            case Tokens.LONGINT:
            case Tokens.LONGNEG: {
                BigInteger magnitude = new BigInteger(1, token.body());
                BigInteger value = token.type() == Tokens.LONGNEG ? magnitude.negate() : magnitude;
                return value.bitLength() < 64 ? (Object) value.longValue() : value;
            }
            case Tokens.FLOAT: {
                long bits = 0;
                for (byte b : token.body()) {
                    bits = (bits << 8) | (b & 0xff);
                }
                return Double.longBitsToDouble(bits);
            }
            case Tokens.STRING:
                return token.body();
            case Tokens.VOCAB: {
                byte[] word = vocab.bytesAt(token.header());
                if (word == null) {
                    throw new BananaProtocolException("unknown VOCAB index " + token.headerValue());
                }
                return word.clone();
            }
            default:
                throw new BananaProtocolException("unexpected token " + Tokens.name(token.type()));
        }
    }
}
