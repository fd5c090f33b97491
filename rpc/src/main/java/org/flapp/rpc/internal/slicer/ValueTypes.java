package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.Unslicer;
import java.util.Map;
import java.util.function.Supplier;
import org.flapp.rpc.ViolationException;

/**
 * The explicit registry of open-types accepted below the top level of a PB message, and the
 * unslicer for each. Copyables: only {@code twisted.python.failure.Failure} is registered (it
 * arrives as a {@link org.flapp.rpc.RemoteException}). Anything else is a Violation with
 * Foolscap's wording.
 */
public final class ValueTypes {
    private static final Map<String, Supplier<Unslicer>> OPENERS = Map.ofEntries(
            Map.entry("none", NoneSlicer.NoneUnslicer::new),
            Map.entry("boolean", BooleanSlicer.BooleanUnslicer::new),
            Map.entry("reference", ReferenceSlicer.ReferenceUnslicer::new),
            Map.entry("dict", DictSlicer.DictUnslicer::new),
            Map.entry("list", ListSlicer.ListUnslicer::new),
            Map.entry("tuple", TupleSlicer.TupleUnslicer::new),
            Map.entry("set", () -> new SetSlicer.SetUnslicer(false)),
            Map.entry("immutable-set", () -> new SetSlicer.SetUnslicer(true)),
            Map.entry("unicode", UnicodeSlicer.UnicodeUnslicer::new),
            Map.entry("decimal", DecimalSlicer.DecimalUnslicer::new),
            Map.entry("my-reference", ReferenceSlicers.MyReferenceUnslicer::new),
            Map.entry("your-reference", ReferenceSlicers.YourReferenceUnslicer::new),
            Map.entry("their-reference", ReferenceSlicers.TheirReferenceUnslicer::new));

    private ValueTypes() {}

    /** True when the open-type takes a second index token (copyable's class name). */
    public static boolean wantsSecondIndexToken(String first) {
        return first.equals("copyable");
    }

    public static Unslicer open(String type, String second) {
        if (type.equals("copyable")) {
            if (FailureSlicer.CLASS_NAME.equals(second)) {
                return new FailureSlicer.FailureUnslicer();
            }
            throw new ViolationException("unknown RemoteCopy name '" + second + "'");
        }
        Supplier<Unslicer> opener = OPENERS.get(type);
        if (opener == null) {
            throw new ViolationException("unknown OPEN type " + openTypeRepr(type, second));
        }
        return opener.get();
    }

    /** Python's repr of the open-type tuple, e.g. {@code ('bogus',)}. */
    public static String openTypeRepr(String type, String second) {
        return second == null ? "(" + Repr.str(type) + ",)" : "(" + Repr.str(type) + ", " + Repr.str(second) + ")";
    }
}
