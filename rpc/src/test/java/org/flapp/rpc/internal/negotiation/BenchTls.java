package org.flapp.rpc.internal.negotiation;

import io.netty.handler.ssl.SslHandler;
import org.flapp.rpc.TubIdentity;

/** The Tubs' own TLS handlers for the benches outside this package (org.flapp.rpc.bench.PingPong). */
public final class BenchTls {
    private BenchTls() {}

    public static SslHandler serverHandler(TubIdentity identity) {
        return TlsContexts.forIdentity(identity).newServerHandler();
    }

    public static SslHandler clientHandler(TubIdentity identity) {
        return TlsContexts.forIdentity(identity).newClientHandler();
    }

    /** "openssl" or "jdk". */
    public static String engine(TubIdentity identity) {
        return TlsContexts.forIdentity(identity).engineName();
    }
}
