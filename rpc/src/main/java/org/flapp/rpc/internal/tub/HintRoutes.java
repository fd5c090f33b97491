package org.flapp.rpc.internal.tub;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flapp.rpc.furl.Furl;
import org.flapp.rpc.furl.TcpHint;
import org.flapp.rpc.furl.TorHint;

/**
 * The hint-type dispatch: how each connection hint of a FURL is dialed. A {@code tcp:} (or
 * legacy {@code HOST:PORT}) hint directly; a {@code tor:} hint through the Tub's Tor SOCKS
 * proxy when it has one ({@code TubOptions.torSocksProxy}); any other hint is skipped, as a
 * Tub without a handler for its type skips it. Stateless.
 */
final class HintRoutes {
    /**
     * One way to reach the Tub: {@code host} and {@code port} to connect to, through
     * {@code socksProxy} when it is not null.
     */
    record Route(String hint, String host, int port, InetSocketAddress socksProxy) {}

    private HintRoutes() {}

    /** The routes of {@code furl}'s usable hints, in the FURL's order. */
    static List<Route> of(Furl furl, Optional<InetSocketAddress> torProxy) {
        List<Route> routes = new ArrayList<>(furl.hints().size());
        for (String hint : furl.hints()) {
            Optional<TcpHint> tcp = TcpHint.parse(hint);
            if (tcp.isPresent()) {
                routes.add(new Route(tcp.get().toHintString(), tcp.get().host(), tcp.get().port(), null));
                continue;
            }
            Optional<TorHint> tor = TorHint.parse(hint);
            if (tor.isPresent() && torProxy.isPresent()) {
                routes.add(new Route(tor.get().toString(), tor.get().host(), tor.get().port(), torProxy.get()));
            }
        }
        return routes;
    }

    /** Why {@code furl} has no route: the words of the "no usable connection hints" failure. */
    static String whyNone(Furl furl, Optional<InetSocketAddress> torProxy) {
        boolean tor = furl.hints().stream().anyMatch(h -> TorHint.parse(h).isPresent());
        String because = tor && torProxy.isEmpty()
                ? "; its tor: hints need a Tor SOCKS proxy, and none is configured" : "";
        return "no usable connection hints in the FURL (it names " + furl.hints() + ")" + because;
    }
}
