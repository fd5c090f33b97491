package org.flapp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tub.pem files cross between Python Foolscap and Java with the same TubID. */
class TubIdentityInteropTest {
    @TempDir
    Path dir;

    @Test
    void pythonTubPemLoadsWithTheSameTubId() throws Exception {
        PythonPeer.assumeAvailable();
        Path pem = dir.resolve("tub.pem");
        List<String> out = PythonPeer.run(30, "identity_tool.py", "create", pem.toString());
        TubIdentity loaded = TubIdentity.load(pem);
        assertEquals(out.get(0), loaded.tubId());

        // and ours are of the same kind as Python's
        TubIdentity ours = TubIdentity.generate();
        var theirs = loaded.certificate();
        assertEquals(theirs.getVersion(), ours.certificate().getVersion());
        assertEquals(theirs.getSerialNumber(), ours.certificate().getSerialNumber());
        assertEquals(theirs.getSubjectX500Principal(), ours.certificate().getSubjectX500Principal());
        assertEquals(theirs.getSigAlgName(), ours.certificate().getSigAlgName());
        assertEquals(((RSAPublicKey) theirs.getPublicKey()).getModulus().bitLength(),
                ((RSAPublicKey) ours.certificate().getPublicKey()).getModulus().bitLength());
        assertEquals(theirs.getNotAfter().getTime() - theirs.getNotBefore().getTime(),
                ours.certificate().getNotAfter().getTime() - ours.certificate().getNotBefore().getTime());
    }

    @Test
    void javaTubPemLoadsInPythonWithTheSameTubId() throws Exception {
        PythonPeer.assumeAvailable();
        for (TubIdentity identity : List.of(TubIdentity.generate(), TubIdentity.generateEphemeral())) {
            Path pem = dir.resolve(identity.tubId() + ".pem");
            Files.writeString(pem, identity.toPem());
            List<String> out = PythonPeer.run(30, "identity_tool.py", "tubid", pem.toString());
            assertEquals(identity.tubId(), out.get(0));
        }
    }
}
