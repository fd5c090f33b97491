package org.flapp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteExceptionTest {
    @Test
    void pythonStyleFailureHasTheBuiltinParentsAndAFramelessTraceback() {
        RemoteException e = RemoteException.python("builtins.KeyError", "'x'", "builtins.LookupError");
        assertEquals("builtins.KeyError", e.type());
        assertEquals("'x'", e.value());
        // Python's flappclient prints only this text: the header, then Python's last traceback line
        assertEquals("Traceback (most recent call last):\nbuiltins.KeyError: 'x'\n", e.remoteTraceback());
        // what python3-foolscap sends for a KeyError: type(e).__mro__, most specific first
        assertEquals(List.of("builtins.KeyError", "builtins.LookupError", "builtins.Exception",
                "builtins.BaseException", "builtins.object"), e.parents());
        assertTrue(e.isA("builtins.LookupError"));
        assertFalse(e.isA("builtins.AttributeError"));
    }

    @Test
    void aClassDerivedDirectlyFromExceptionHasNoBasesBetween() {
        assertEquals(List.of("foolscap.tokens.Violation", "builtins.Exception", "builtins.BaseException",
                "builtins.object"), RemoteException.python("foolscap.tokens.Violation", "").parents());
    }
}
