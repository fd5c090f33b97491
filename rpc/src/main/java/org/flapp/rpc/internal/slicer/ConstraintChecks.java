package org.flapp.rpc.internal.slicer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.Tokens;

/**
 * How a {@link Constraint} judges the tokens of a value as they arrive, before any body is read
 * or any object built: a primitive token by its type and declared size, a sequence by its
 * open-type. Containers apply their item constraints and sizes themselves (see
 * {@code Unslicer#childConstraint}). Wording follows Foolscap's ({@code STRING token rejected by
 * IntegerConstraint}, {@code STRING token too large: 2000>1000}). Stateless.
 */
public final class ConstraintChecks {
    /** Longest LONGINT/LONGNEG body an {@link Constraint.Int} takes: 64 bits. */
    private static final int INT_BYTES = 8;

    private ConstraintChecks() {}

    /** Checks a primitive token (not OPEN) that is to be a whole value meeting {@code c}. */
    public static void token(Constraint c, int type, long size) {
        if (type == Tokens.OPEN || c instanceof Constraint.AnyValue) {
            return;
        }
        if (c instanceof Constraint.Choice choice) {
            firstAccepting(choice, alternative -> {
                token(alternative, type, size);
                return alternative;
            });
            return;
        }
        if (c instanceof Constraint.Bytes b && (type == Tokens.STRING || type == Tokens.VOCAB)) {
            if (type == Tokens.STRING && size > b.maxLength()) {
                throw new ViolationException("STRING token too large: " + size + ">" + b.maxLength());
            }
            return;
        }
        if (c instanceof Constraint.Int) {
            if (type == Tokens.INT || type == Tokens.NEG) {
                return;
            }
            if (type == Tokens.LONGINT || type == Tokens.LONGNEG) {
                if (size > INT_BYTES) {
                    throw new ViolationException(Tokens.name(type) + " token too large: " + size + ">" + INT_BYTES);
                }
                return;
            }
        }
        throw new ViolationException(Tokens.name(type) + " token rejected by " + name(c));
    }

    /**
     * The constraint a child sequence of open-type {@code type} gets at a position meeting
     * {@code c}; a Violation if {@code c} does not take that type. A back-reference
     * ({@code reference}) is taken only by {@link Constraint.AnyValue}: checking what it points
     * to would mean walking a value already built, which a DAG makes costly.
     */
    public static Constraint open(Constraint c, String type, String second) {
        if (c instanceof Constraint.AnyValue) {
            return c;
        }
        if (c instanceof Constraint.Choice choice) {
            return firstAccepting(choice, alternative -> open(alternative, type, second));
        }
        if (second == null && takes(c, type)) {
            return c;
        }
        throw new ViolationException("unacceptable OPEN type " + ValueTypes.openTypeRepr(type, second)
                + " for " + name(c));
    }

    /** What the body tokens of a leaf sequence meeting {@code c} must meet: a text's length limit. */
    public static Constraint body(Constraint c) {
        return c instanceof Constraint.Text t ? Constraint.bytes(t.maxBytes()) : Constraint.any();
    }

    /** Foolscap's name for a kind of constraint, and the open-types that kind takes. */
    private record Kind(String name, Set<String> openTypes) {}

    private static final Map<Class<?>, Kind> KINDS = Map.ofEntries(
            Map.entry(Constraint.AnyValue.class, new Kind("Any", Set.of())),
            Map.entry(Constraint.Bytes.class, new Kind("ByteStringConstraint", Set.of())),
            Map.entry(Constraint.Text.class, new Kind("UnicodeConstraint", Set.of("unicode"))),
            Map.entry(Constraint.Int.class, new Kind("IntegerConstraint", Set.of())),
            Map.entry(Constraint.Bool.class, new Kind("BooleanConstraint", Set.of("boolean"))),
            Map.entry(Constraint.Nothing.class, new Kind("Nothing", Set.of("none"))),
            Map.entry(Constraint.Reference.class, new Kind("RemoteInterfaceConstraint",
                    Set.of("my-reference", "your-reference", "their-reference"))),
            Map.entry(Constraint.ListOf.class, new Kind("ListConstraint", Set.of("list"))),
            Map.entry(Constraint.TupleOf.class, new Kind("TupleConstraint", Set.of("tuple"))),
            Map.entry(Constraint.DictOf.class, new Kind("DictConstraint", Set.of("dict"))),
            Map.entry(Constraint.SetOf.class, new Kind("SetConstraint", Set.of("set", "immutable-set"))),
            Map.entry(Constraint.Choice.class, new Kind("ChoiceOf", Set.of())));

    private static boolean takes(Constraint c, String type) {
        return KINDS.get(c.getClass()).openTypes().contains(type);
    }

    /** Foolscap's name for the constraint, as its Violations say it. */
    static String name(Constraint c) {
        String kind = KINDS.get(c.getClass()).name();
        if (c instanceof Constraint.Bytes b) {
            return kind + "(maxLength=" + b.maxLength() + ")";
        }
        if (c instanceof Constraint.Text t) {
            return kind + "(maxBytes=" + t.maxBytes() + ")";
        }
        if (c instanceof Constraint.Choice choice) {
            return kind + choice.alternatives().stream().map(ConstraintChecks::name).toList();
        }
        return kind;
    }

    private interface Attempt<T> {
        T run(Constraint alternative);
    }

    /** The result for the first alternative that does not throw; the first refusal otherwise. */
    private static <T> T firstAccepting(Constraint.Choice choice, Attempt<T> attempt) {
        List<Constraint> alternatives = choice.alternatives();
        ViolationException first = null;
        for (Constraint alternative : alternatives) {
            try {
                return attempt.run(alternative);
            } catch (ViolationException refused) {
                if (first == null) {
                    first = refused;
                }
            }
        }
        throw new ViolationException(first.getMessage() + " (nor by any other alternative of "
                + name(choice) + ")");
    }
}
