package org.flapp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An answer over the caller's limits fails the call (never leaves it waiting) and keeps the connection. */
@Timeout(60)
class AnswerLimitsTest {
    private static final int EIGHT_MIB = 8 << 20;

    private final Tub server = new Tub(TubIdentity.generateEphemeral());
    private final Tub client = new Tub(TubIdentity.generateEphemeral(),
            TubOptions.builder().maxStringLength(1 << 20).build());

    private final Referenceable big = () -> RemoteMethods.builder()
            .method("big", args -> new byte[EIGHT_MIB])
            .method("small", args -> "fine")
            .build();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void anAnswerOverTheCallersStringLimitFailsTheCallWithAViolationNamingLimitAndValue() throws Exception {
        int port = server.listenOn("tcp:0:interface=127.0.0.1");
        server.setLocation("tcp:127.0.0.1:" + port);
        RemoteReference ref = client.getReference(server.registerReference(big)).get(10, TimeUnit.SECONDS);
        try {
            ref.callRemote("big").get(20, TimeUnit.SECONDS);
            fail("an 8 MiB answer must not reach a caller whose limit is 1 MiB");
        } catch (ExecutionException e) {
            ViolationException v = assertInstanceOf(ViolationException.class, e.getCause());
            assertTrue(v.getMessage().contains("STRING token of " + EIGHT_MIB + " bytes is over maxStringLength "
                    + (1 << 20)), v.getMessage());
        }
        assertEquals("fine", ref.callRemote("small").get(10, TimeUnit.SECONDS));
    }
}
