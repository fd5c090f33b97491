package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;
import org.flapp.rpc.internal.reference.OutboundReference;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.flapp.rpc.internal.banana.BananaProtocolException;
import org.flapp.rpc.internal.banana.Tokens;

/**
 * Object references (docs/protocol.md, "References and gifts"): {@code my-reference} (clid [iface [url]]),
 * {@code your-reference} (clid) and {@code their-reference} (giftID, furl). The PB layer decides
 * what they stand for through {@link OutboundReferences} and {@link InboundReferences}; the hook
 * runs when the sequence closes. A wrong token type inside is fatal, as in Foolscap.
 */
public final class ReferenceSlicers {
    private ReferenceSlicers() {}

    static void write(ValueEncoder enc, OutboundReference ref) {
        if (ref instanceof OutboundReference.Mine mine) {
            long id = enc.open("my-reference");
            enc.writer.writeInt(mine.clid());
            if (mine.interfaceName() != null) {
                enc.writer.writeString(mine.interfaceName().getBytes(StandardCharsets.UTF_8));
                if (mine.url() != null) {
                    enc.writer.writeString(mine.url().getBytes(StandardCharsets.UTF_8));
                }
            }
            enc.close(id);
        } else if (ref instanceof OutboundReference.Yours yours) {
            long id = enc.open("your-reference");
            enc.writer.writeInt(yours.clid());
            enc.close(id);
        } else {
            OutboundReference.Theirs theirs = (OutboundReference.Theirs) ref;
            long id = enc.open("their-reference");
            enc.writer.writeInt(theirs.giftId());
            enc.writer.writeString(theirs.furl().getBytes(StandardCharsets.UTF_8));
            enc.close(id);
        }
    }

    public static long asLong(Object child, String what) {
        if (child instanceof Long n) {
            return n;
        }
        throw new BananaProtocolException(what + " out of range: " + (child instanceof BigInteger ? child : "?"));
    }

    /** {@code my-reference}: INT|NEG clid, then optionally interface name and URL (STRING). */
    static final class MyReferenceUnslicer extends Unslicer {
        private Long clid;
        private String interfaceName;
        private String url;
        private int received;

        @Override
        public void checkToken(int type, long size) {
            if (received == 0) {
                if (type != Tokens.INT && type != Tokens.NEG) {
                    throw new BananaProtocolException("my-reference clid must be an INT/NEG");
                }
            } else if (received <= 2) {
                if (!isString(type)) {
                    throw new BananaProtocolException("my-reference interface name and URL must be STRINGs");
                }
            } else {
                throw new BananaProtocolException("too many tokens in my-reference");
            }
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            switch (received++) {
                case 0 -> clid = asLong(child, "clid");
                case 1 -> interfaceName = Utf8.decodeStrict((byte[]) child, "my-reference interface name");
                default -> url = Utf8.decodeStrict((byte[]) child, "my-reference URL");
            }
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            if (clid == null) {
                throw new BananaProtocolException("my-reference without a clid");
            }
            if (clid != clid.intValue()) {
                // an INT token may carry any value, but a call to this clid would have to name it
                // in a LONGINT, which no peer's call unslicer accepts (docs/fuzzing.md, finding 5):
                // refuse the reference now instead of sending malformed calls to it later
                throw new ViolationException("my-reference clid out of range: " + clid);
            }
            return ctx.references().myReference(clid, interfaceName, url);
        }

        @Override
        public String describe() {
            return "<my-reference>";
        }
    }

    /** {@code your-reference}: INT clid of one of our own objects. */
    static final class YourReferenceUnslicer extends Unslicer {
        private Long clid;

        @Override
        public void checkToken(int type, long size) {
            if ((type != Tokens.INT && type != Tokens.NEG) || clid != null) {
                throw new BananaProtocolException("your-reference takes exactly one INT");
            }
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            clid = asLong(child, "clid");
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            if (clid == null) {
                throw new BananaProtocolException("your-reference without a clid");
            }
            return ctx.references().yourReference(clid);
        }

        @Override
        public String describe() {
            return "<your-reference>";
        }
    }

    /** {@code their-reference}: INT giftID, STRING furl. */
    static final class TheirReferenceUnslicer extends Unslicer {
        private Long giftId;
        private String furl;

        @Override
        public void checkToken(int type, long size) {
            if (giftId == null ? type != Tokens.INT : (!isString(type) || furl != null)) {
                throw new BananaProtocolException("their-reference takes an INT giftID and a STRING furl");
            }
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            if (giftId == null) {
                giftId = asLong(child, "giftID");
            } else {
                furl = Utf8.decodeStrict((byte[]) child, "their-reference furl");
            }
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            if (furl == null) {
                throw new BananaProtocolException("their-reference without giftID and furl");
            }
            return ctx.references().theirReference(giftId, furl);
        }

        @Override
        public String describe() {
            return "<their-reference>";
        }
    }
}
