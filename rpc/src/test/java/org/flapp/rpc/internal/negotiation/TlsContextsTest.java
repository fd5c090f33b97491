package org.flapp.rpc.internal.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.net.ssl.SSLSessionContext;
import org.flapp.rpc.TubIdentity;
import org.junit.jupiter.api.Test;

class TlsContextsTest {
    @Test
    void keepsFewTlsSessionsAndNotForLong() {
        TlsContexts tls = TlsContexts.forIdentity(TubIdentity.generateEphemeral());
        for (SSLSessionContext sessions : new SSLSessionContext[] {
                tls.context().getServerSessionContext(), tls.context().getClientSessionContext()}) {
            assertEquals(256, sessions.getSessionCacheSize(), "not the JDK's 20480");
            assertEquals(3600, sessions.getSessionTimeout(), "not the JDK's day");
        }
    }
}
