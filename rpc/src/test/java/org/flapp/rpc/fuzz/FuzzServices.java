package org.flapp.rpc.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.flapp.rpc.Arguments;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteMethods;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.RpcException;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.internal.call.Broker;
import org.flapp.rpc.internal.call.BrokerHost;

/**
 * The Tub behind the PB fuzz target's Broker: every non-empty name resolves to a {@link Service}
 * (so the swissnums in the recorded transcripts work), handlers run at once on the calling thread,
 * and third-party references (gifts) fail, as no connection may leave a fuzz target.
 */
final class FuzzServices implements BrokerHost {
    /** Small limits, so that short inputs reach them. */
    static final TubOptions OPTIONS = TubOptions.builder()
            .maxStringLength(300).maxMessageSize(6000).maxDepth(12).maxPendingInboundCalls(8)
            .callExecutor(Runnable::run).build();

    private final String tubId;

    FuzzServices(String tubId) {
        this.tubId = tubId;
    }

    @Override
    public String tubId() {
        return tubId;
    }

    @Override
    public TubOptions options() {
        return OPTIONS;
    }

    @Override
    public Executor callExecutor() {
        return Runnable::run;
    }

    @Override
    public Referenceable resolveName(String name) {
        return name.isEmpty() ? null : new Service();
    }

    @Override
    public Optional<String> furlFor(String name) {
        return Optional.empty();
    }

    @Override
    public CompletableFuture<RemoteReference> getReference(String furl) {
        return CompletableFuture.failedFuture(new RpcException("no outbound connections while fuzzing"));
    }

    @Override
    public void brokerClosed(Broker broker) {
        // nothing to forget: one Broker per input
    }

    /**
     * Methods shaped like flapp's services: they echo arguments back (so decoded values are
     * re-encoded), call back on references they are given (so answers from the peer are matched),
     * hand out new objects, and fail.
     */
    static final class Service implements Referenceable {
        private final RemoteMethods methods = RemoteMethods.builder()
                .method("echo", args -> positional(args))
                .method("fail", args -> {
                    throw new IllegalArgumentException("refused: " + args.size() + " arguments");
                })
                .method("putfile", args -> {
                    RemoteReference source = firstReference(args);
                    return source == null ? null : source.callRemote("read", 1024).thenApply(data -> List.of(data));
                })
                .method("execute", args -> {
                    RemoteReference watcher = firstReference(args);
                    if (watcher != null) {
                        watcher.callRemoteOnly("stdout", (Object) new byte[] {'o', 'k'});
                        watcher.callRemote("done", 0);
                    }
                    return new Service();
                })
                .method("feed_stdin", args -> args.size())
                .method("close_stdin", args -> null)
                .build();

        @Override
        public RemoteMethods remoteMethods() {
            return methods;
        }

        private static List<Object> positional(Arguments args) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                out.add(args.get(i));
            }
            out.add(args.keywords());
            return out;
        }

        private static RemoteReference firstReference(Arguments args) {
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) instanceof RemoteReference ref) {
                    return ref;
                }
            }
            for (Object value : args.keywords().values()) {
                if (value instanceof RemoteReference ref) {
                    return ref;
                }
            }
            return null;
        }
    }
}
