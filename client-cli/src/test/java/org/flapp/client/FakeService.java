package org.flapp.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.flapp.rpc.Arguments;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteReference;

/**
 * A stand-in for a remote service, no network: each method is a function of the call's
 * arguments run on one "call executor" thread, as the engine would run it. Client objects passed
 * as arguments arrive as themselves, so a fake server can call their methods with
 * {@link #invoke}. Records every call, including calls that want no answer.
 */
final class FakeService implements RemoteReference {
    /** One recorded call. */
    record Call(String method, List<Object> args, boolean wantsAnswer) {}

    private final Map<String, Function<List<Object>, Object>> methods;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Runnable> disconnectCallbacks = new CopyOnWriteArrayList<>();
    final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-call-executor");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean connected = true;

    FakeService(Map<String, Function<List<Object>, Object>> methods) {
        this.methods = methods;
    }

    /** Calls a method of a client object the way a server's call would reach it. */
    static Object invoke(Referenceable target, String method, Object... args) throws Exception {
        // as the engine does: the answer's bytes are taken (here, copied) before it counts as
        // written, after which the client object may use its array again (FileSource does)
        CompletableFuture<Void> written = new CompletableFuture<>();
        Object answer = target.remoteMethods().find(method).orElseThrow()
                .invoke(Arguments.of(java.util.Arrays.asList(args), Map.of(), "fakeserver", written));
        if (answer instanceof byte[] bytes) {
            answer = bytes.clone();
        }
        written.complete(null);
        return answer;
    }

    /** {@link #invoke} for use inside lambdas: failures become unchecked. */
    static Object invokeQuietly(Referenceable target, String method, Object... args) {
        try {
            return invoke(target, method, args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<Call> calls() {
        return Collections.unmodifiableList(new ArrayList<>(calls));
    }

    /** Simulates losing the connection: disconnect callbacks run on the executor. */
    void disconnect() {
        connected = false;
        for (Runnable callback : disconnectCallbacks) {
            executor.execute(callback);
        }
    }

    @Override
    public CompletableFuture<Object> callRemote(String method, Object... args) {
        calls.add(new Call(method, java.util.Arrays.asList(args), true));
        CompletableFuture<Object> answer = new CompletableFuture<>();
        executor.execute(() -> {
            Function<List<Object>, Object> handler = methods.get(method);
            try {
                if (!connected) {
                    throw new org.flapp.rpc.DeadReferenceException("Calling Stale Broker");
                }
                if (handler == null) {
                    throw new org.flapp.rpc.RemoteException("builtins.AttributeError",
                            "'Fake' object has no attribute 'remote_" + method + "'");
                }
                Object result = handler.apply(java.util.Arrays.asList(args));
                if (result instanceof CompletableFuture<?> later) {
                    later.whenComplete((v, e) -> {
                        if (e != null) {
                            answer.completeExceptionally(e);
                        } else {
                            answer.complete(v);
                        }
                    });
                } else {
                    answer.complete(result);
                }
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    @Override
    public CompletableFuture<Object> callRemote(String method, List<?> args, Map<String, ?> kwargs) {
        return callRemote(method, args.toArray());
    }

    @Override
    public CompletableFuture<Void> callRemoteOnly(String method, Object... args) {
        calls.add(new Call(method, java.util.Arrays.asList(args), false));
        if (!connected) {
            return CompletableFuture.failedFuture(new org.flapp.rpc.DeadReferenceException("Calling Stale Broker"));
        }
        Function<List<Object>, Object> handler = methods.get(method);
        // "written to the socket" is when the fake server takes the call
        return CompletableFuture.runAsync(() -> {
            if (handler != null) {
                handler.apply(java.util.Arrays.asList(args));
            }
        }, executor);
    }

    @Override
    public Subscription notifyOnDisconnect(Runnable callback) {
        disconnectCallbacks.add(callback);
        if (!connected) {
            executor.execute(callback);
        }
        return () -> disconnectCallbacks.remove(callback);
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public String remoteTubId() {
        return "fwhjwcytzdzbijbpnca627vyrj6tdppr";
    }

    @Override
    public Optional<String> furl() {
        return Optional.empty();
    }

    @Override
    public List<String> locationHints() {
        return List.of();
    }

    /** A connector that hands out this service (or fails), recording the timeout it was given. */
    ServiceConnector connector() {
        return (furl, timeout) -> {
            lastFurl = furl;
            lastTimeout = timeout;
            return new ServiceConnector.ServiceConnection() {
                @Override
                public RemoteReference service() {
                    return FakeService.this;
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        };
    }

    volatile Duration lastTimeout;
    volatile String lastFurl;
    volatile boolean closed;
}
