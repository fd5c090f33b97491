package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.banana.Unslicer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.flapp.rpc.ViolationException;

/**
 * Python's decimal.Decimal: {@code OPEN 'decimal' STRING(str(d)) CLOSE} ('decimal' is no vocab
 * word). {@link BigDecimal#toString()} follows the same to-scientific-string rules as Python's
 * {@code str(Decimal)}. Limits: BigDecimal has no NaN, Infinity or negative zero, so an inbound
 * {@code NaN}/{@code Infinity} is a Violation and {@code -0} arrives as 0.
 */
final class DecimalSlicer {

    private DecimalSlicer() {}

    static void write(ValueEncoder enc, BigDecimal value) {
        long id = enc.open("decimal");
        enc.writer.writeString(value.toString().getBytes(StandardCharsets.US_ASCII));
        enc.close(id);
    }

    static final class DecimalUnslicer extends OneTokenUnslicer<BigDecimal> {
        DecimalUnslicer() {
            super(Unslicer::isString, new Wording("DecimalUnslicer only accepts strings",
                    "already received a string", "decimal sequence without a string"));
        }

        @Override
        void checkSize(long size) {
            if (size > CodecLimits.MAX_DECIMAL_TEXT) {
                throw new ViolationException("decimal text too long, " + size + ">" + CodecLimits.MAX_DECIMAL_TEXT);
            }
        }

        @Override
        BigDecimal convert(Object child) {
            String text = new String((byte[]) child, StandardCharsets.ISO_8859_1);
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new ViolationException("cannot represent Decimal('" + text + "') as a BigDecimal");
            }
        }

        @Override
        public String describe() {
            return "<decimal>";
        }
    }
}
