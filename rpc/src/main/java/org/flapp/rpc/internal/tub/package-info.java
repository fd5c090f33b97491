/**
 * What stands behind the public {@link org.flapp.rpc.Tub}: {@code TubRuntime} (threads,
 * listeners, published names), {@code ConnectionTable} (one connection per peer Tub, dialing
 * every hint of a FURL at once) and {@code ListenEndpoint}.
 *
 * <p><b>May use:</b> every other rpc package: this is where they are put together.
 *
 * <p><b>Threads:</b> thread-safe; called from user threads and from every event loop.
 */
package org.flapp.rpc.internal.tub;
