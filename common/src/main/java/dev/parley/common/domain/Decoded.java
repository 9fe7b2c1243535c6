package dev.parley.common.domain;

import java.util.function.Function;

/**
 * The outcome of decoding untrusted bytes: a value or a typed {@link DecodeError}. Decoders return
 * this and never throw unchecked exceptions at their caller.
 */
public sealed interface Decoded<T> {

    record Ok<T>(T value) implements Decoded<T> {
    }

    record Failed<T>(DecodeError error) implements Decoded<T> {
    }

    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Decoded<T> failed(DecodeError.Reason reason, String message) {
        return new Failed<>(new DecodeError(reason, message));
    }

    static <T> Decoded<T> failed(DecodeError error) {
        return new Failed<>(error);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    default <U> Decoded<U> map(Function<? super T, ? extends U> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()));
        }
        return new Failed<>(((Failed<T>) this).error());
    }

    default <U> Decoded<U> flatMap(Function<? super T, Decoded<U>> f) {
        if (this instanceof Ok<T> ok) {
            return f.apply(ok.value());
        }
        return new Failed<>(((Failed<T>) this).error());
    }

    /** The value; for tests and for callers that have already checked {@link #isOk()}. */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException(((Failed<T>) this).error().message());
    }

    /** The error, or null when decoding succeeded. */
    default DecodeError errorOrNull() {
        return this instanceof Failed<T> f ? f.error() : null;
    }
}
