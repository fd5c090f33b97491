package org.flapp.rpc.internal.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.net.ssl.SSLSessionContext;
import org.flapp.rpc.TubIdentity;
import org.junit.jupiter.api.Test;

class TlsContextsTest {
    @Test
    void keepsFewTlsSessionsAndNotForLong() {
        TlsContexts tls = TlsContexts.forIdentity(TubIdentity.generateEphemeral());
        for (SSLSessionContext sessions : tls.sessionContexts()) {
            assertEquals(256, sessions.getSessionCacheSize(), "not the JDK's 20480");
            assertEquals(3600, sessions.getSessionTimeout(), "not the JDK's day");
        }
    }

    @Test
    void openSslWhereTheNativeLibraryShips() {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64"))
                && System.getProperty("flapp.tls") == null) {
            assertEquals("openssl", TlsContexts.forIdentity(TubIdentity.generateEphemeral()).engineName(),
                    () -> "BoringSSL should load here: " + io.netty.handler.ssl.OpenSsl.unavailabilityCause());
        }
    }
}
