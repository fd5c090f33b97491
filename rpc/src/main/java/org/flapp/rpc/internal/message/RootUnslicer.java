package org.flapp.rpc.internal.message;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;
import org.flapp.rpc.internal.slicer.ValueTypes;
import java.util.function.Consumer;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.BananaProtocolException;
import org.flapp.rpc.internal.banana.Tokens;

/**
 * The bottom of the {@link UnslicerStack}: decides what a top-level item may be and hands each
 * finished one to a sink. {@link #pb} is a PB connection's root (only {@code call}, {@code answer}
 * and {@code error} sequences; any other token at the top is fatal); {@link #values} accepts any
 * single value, for standalone serialization (the test vectors, tools).
 */
public abstract class RootUnslicer extends Unslicer {
    private final Consumer<Object> sink;

    private RootUnslicer(Consumer<Object> sink) {
        this.sink = sink;
    }

    public static RootUnslicer pb(Consumer<Object> sink) {
        return new RootUnslicer(sink) {
            @Override
            public void checkToken(int type, long size) {
                if (type != Tokens.OPEN) {
                    throw new BananaProtocolException("top-level must be OPEN");
                }
            }

            @Override
            public Unslicer openChild(String type, String second, DecodeContext ctx) {
                return switch (type) {
                    case "call" -> new CallSlicer.CallUnslicer();
                    case "answer" -> new AnswerSlicer.AnswerUnslicer();
                    case "error" -> new ErrorSlicer.ErrorUnslicer();
                    default -> throw new ViolationException(
                            "unknown top-level OPEN type " + ValueTypes.openTypeRepr(type, second));
                };
            }
        };
    }

    public static RootUnslicer values(Consumer<Object> sink) {
        return new RootUnslicer(sink) {};
    }

    @Override
    public void receiveChild(Object child, DecodeContext ctx) {
        sink.accept(child);
    }

    @Override
    public Object receiveClose(DecodeContext ctx) {
        throw new BananaProtocolException("top-level should never receive CLOSE tokens");
    }

    @Override
    public String describe() {
        return "<RootUnslicer>";
    }
}
