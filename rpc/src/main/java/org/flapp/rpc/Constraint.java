package org.flapp.rpc;

import java.util.List;
import java.util.Objects;

/**
 * What one value may be, checked token by token while it is decoded, before anything is built
 * (Foolscap's constraints). A value that breaks it abandons its message: the peer's call is answered
 * with a {@code foolscap.tokens.Violation} naming the constraint, the limit and the value; an answer
 * fails our waiting call with a {@link ViolationException}. The connection goes on.
 *
 * <p>Declare argument constraints with {@link Signature} in {@link RemoteMethods}, and what an
 * answer must be with {@link RemoteReference#callExpecting}:
 * <pre>{@code
 * Signature.of(Signature.required("name", Constraint.choice(Constraint.bytes(4096), Constraint.text(4096))),
 *              Signature.required("source", Constraint.reference()))
 * }</pre>
 *
 * <p>Every value is also bound by the Tub's global limits ({@link TubOptions}: string length,
 * message size, nesting depth, work budget), {@link #any()} included. A back-reference to a
 * value sent earlier in the same message (Foolscap's {@code reference} sequence, for shared
 * lists, tuples, dicts and sets) is accepted only where the constraint is {@link #any()}.
 * Immutable and thread-safe.
 */
public sealed interface Constraint {
    /** Anything, within the global limits. */
    record AnyValue() implements Constraint {}

    /** A byte string of at most {@code maxLength} bytes. */
    record Bytes(int maxLength) implements Constraint {}

    /** A text string whose UTF-8 form has at most {@code maxBytes} bytes. */
    record Text(int maxBytes) implements Constraint {}

    /** An integer that fits in 64 bits (a Java {@code long}). */
    record Int() implements Constraint {}

    /** True or False. */
    record Bool() implements Constraint {}

    /** None (Java {@code null}). */
    record Nothing() implements Constraint {}

    /** A reference to an object: one the peer passes us, or one of ours it passes back. */
    record Reference() implements Constraint {}

    /** A list of at most {@code maxLength} items, each meeting {@code item}. */
    record ListOf(Constraint item, int maxLength) implements Constraint {}

    /** A tuple of exactly {@code items.size()} items, the i-th meeting {@code items.get(i)}. */
    record TupleOf(List<Constraint> items) implements Constraint {
        public TupleOf {
            items = List.copyOf(items);
        }
    }

    /** A dict of at most {@code maxKeys} entries. */
    record DictOf(Constraint key, Constraint value, int maxKeys) implements Constraint {}

    /** A set or frozenset of at most {@code maxLength} members. */
    record SetOf(Constraint member, int maxLength) implements Constraint {}

    /**
     * One of several constraints: the first alternative that accepts a value's first token
     * (its type, or its OPEN sequence's type) decides, so alternatives should differ in type.
     */
    record Choice(List<Constraint> alternatives) implements Constraint {
        public Choice {
            alternatives = List.copyOf(alternatives);
            if (alternatives.isEmpty()) {
                throw new IllegalArgumentException("a choice needs at least one alternative");
            }
        }
    }

    static Constraint any() {
        return new AnyValue();
    }

    static Constraint bytes(int maxLength) {
        return new Bytes(nonNegative(maxLength, "maxLength"));
    }

    static Constraint text(int maxBytes) {
        return new Text(nonNegative(maxBytes, "maxBytes"));
    }

    static Constraint integer() {
        return new Int();
    }

    static Constraint bool() {
        return new Bool();
    }

    static Constraint none() {
        return new Nothing();
    }

    static Constraint reference() {
        return new Reference();
    }

    static Constraint listOf(Constraint item, int maxLength) {
        return new ListOf(Objects.requireNonNull(item, "item"), nonNegative(maxLength, "maxLength"));
    }

    static Constraint tupleOf(Constraint... items) {
        return new TupleOf(List.of(items));
    }

    static Constraint dictOf(Constraint key, Constraint value, int maxKeys) {
        return new DictOf(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"),
                nonNegative(maxKeys, "maxKeys"));
    }

    static Constraint setOf(Constraint member, int maxLength) {
        return new SetOf(Objects.requireNonNull(member, "member"), nonNegative(maxLength, "maxLength"));
    }

    static Constraint choice(Constraint... alternatives) {
        return new Choice(List.of(alternatives));
    }

    /** {@code constraint}, or None. */
    static Constraint optional(Constraint constraint) {
        return choice(none(), constraint);
    }

    private static int nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }
}
