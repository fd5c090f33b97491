package org.flapp.rpc.hostile;

import io.netty.channel.Channel;
import java.lang.reflect.Field;
import org.flapp.rpc.Tub;
import org.flapp.rpc.internal.call.Broker;
import org.flapp.rpc.internal.tub.ConnectionTable;
import org.flapp.rpc.internal.tub.TubRuntime;

/**
 * The server side of a connection, for measuring it from a test (what it holds queued for a peer,
 * whether it reads): Tub keeps its runtime private, so this reaches it by reflection. If a field
 * is renamed, this fails loudly rather than measuring nothing.
 */
final class ServerChannels {
    private ServerChannels() {}

    /** The server's channel to the peer {@code peerTubId}. */
    static Channel of(Tub tub, String peerTubId) {
        ConnectionTable table = (ConnectionTable) field(TubRuntime.class, "connections", field(Tub.class, "runtime", tub));
        for (Broker broker : table.brokers()) {
            if (broker.peerTubId().equals(peerTubId)) {
                return broker.channel();
            }
        }
        throw new AssertionError("the server has no connection to " + peerTubId);
    }

    private static Object field(Class<?> type, String name, Object owner) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(owner);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot reach " + type.getSimpleName() + "." + name, e);
        }
    }
}
