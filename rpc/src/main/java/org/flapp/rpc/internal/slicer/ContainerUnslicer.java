package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.Constraint;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;

/**
 * What list, tuple, dict and set have in common while they are read: the value they build, which
 * a {@code reference} inside or after them resolves to, and the rule for their children's
 * constraints. {@link ConstraintChecks#open} lets a container in only under Any or under its own
 * kind of constraint ({@code C}); under Any its children may be anything, under its own kind
 * {@link #next} says what the next child must meet and refuses one too many.
 *
 * @param <C> the container's own kind of constraint
 * @param <V> the value being built
 */
abstract class ContainerUnslicer<C extends Constraint, V> extends Unslicer {
    private final Class<C> kind;
    /** What is being built; the finished value unless {@link #receiveClose} is overridden. */
    final V value;
    /** False for a value that exists only once finished (frozenset): registered at CLOSE. */
    private final boolean sharedWhileOpen;
    private long objectId;

    ContainerUnslicer(Class<C> kind, V value, boolean sharedWhileOpen) {
        this.kind = kind;
        this.value = value;
        this.sharedWhileOpen = sharedWhileOpen;
    }

    @Override
    public final void start(long objectId, DecodeContext ctx) {
        this.objectId = objectId;
        if (sharedWhileOpen) {
            ctx.registerObject(objectId, value);
        }
    }

    /** Makes {@code finished} what a later reference to this sequence resolves to. */
    final void registerFinished(Object finished, DecodeContext ctx) {
        ctx.registerObject(objectId, finished);
    }

    @Override
    public final Constraint childConstraint() {
        return kind.isInstance(constraint) ? next(kind.cast(constraint)) : Constraint.any();
    }

    /** What the next child must meet under the container's constraint {@code of}. */
    abstract Constraint next(C of);

    @Override
    public Object receiveClose(DecodeContext ctx) {
        return value;
    }

    /** {@code next}, if the container has room for one more child (a Violation, as {@link #checkRoom}, if not). */
    static Constraint ifRoom(int held, int max, String what, String unit, Constraint next) {
        checkRoom(held, max, what, unit);
        return next;
    }

    /** A Violation (Foolscap's wording: "{what}: more than {max}{unit}") when {@code held} is {@code max}. */
    static void checkRoom(int held, int max, String what, String unit) {
        if (held >= max) {
            throw new ViolationException(what + ": more than " + max + unit);
        }
    }
}
