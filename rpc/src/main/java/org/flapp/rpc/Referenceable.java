package org.flapp.rpc;

/**
 * An object that peers may call. Sending one (as an argument or an answer) gives the peer a
 * {@link RemoteReference} to it; the peer can then call exactly the methods listed in
 * {@link #remoteMethods()}, nothing else. Holding the reference is the permission.
 *
 * <pre>{@code
 * final class Greeter implements Referenceable {
 *     private final RemoteMethods methods = RemoteMethods.builder()
 *             .method("greet", args -> "hello " + args.string(0))
 *             .build();
 *     public RemoteMethods remoteMethods() { return methods; }
 * }
 * }</pre>
 */
public interface Referenceable {
    /** The table of remotely callable methods; consulted for every inbound call. */
    RemoteMethods remoteMethods();
}
