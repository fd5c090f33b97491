package org.flapp.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The arguments a remote method accepts: named parameters, each with a {@link Constraint}, in
 * positional order. A peer may pass a parameter by position or by name (as Python does), not
 * both; the decoder refuses extra positional arguments, unknown names and (at the end of the
 * call) missing required ones, each as a {@code foolscap.tokens.Violation}, before the handler runs.
 * {@link #any()} accepts any arguments within the Tub's global limits. Immutable.
 *
 * <pre>{@code
 * RemoteMethods.builder()
 *     .method("read", Signature.of(Signature.required("size", Constraint.integer())), this::read)
 * }</pre>
 */
public final class Signature {
    /** One named parameter. */
    public record Param(String name, Constraint constraint, boolean required) {
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(constraint, "constraint");
        }
    }

    private static final Signature ANY = new Signature(null);

    /** The parameters, or null for "any arguments". */
    private final List<Param> params;

    private Signature(List<Param> params) {
        this.params = params;
    }

    /** Any arguments (positional and keyword), within the global limits. */
    public static Signature any() {
        return ANY;
    }

    /** Exactly these parameters, in positional order (none: a method that takes no arguments). */
    public static Signature of(Param... params) {
        List<Param> list = List.of(params);
        List<String> names = new ArrayList<>();
        boolean optionalSeen = false;
        for (Param p : list) {
            if (names.contains(p.name())) {
                throw new IllegalArgumentException("parameter " + p.name() + " declared twice");
            }
            if (p.required() && optionalSeen) {
                throw new IllegalArgumentException("required parameter " + p.name() + " after an optional one");
            }
            optionalSeen |= !p.required();
            names.add(p.name());
        }
        return new Signature(list);
    }

    public static Param required(String name, Constraint constraint) {
        return new Param(name, constraint, true);
    }

    public static Param optional(String name, Constraint constraint) {
        return new Param(name, constraint, false);
    }

    /** True for {@link #any()}. */
    public boolean acceptsAnything() {
        return params == null;
    }

    /** The declared parameters (empty for {@link #any()}: see {@link #acceptsAnything()}). */
    public List<Param> params() {
        return params == null ? List.of() : params;
    }

    /** The parameter called {@code name}. */
    public Optional<Param> param(String name) {
        return params().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return params == null ? "Signature[any]" : "Signature" + params;
    }
}
