package dev.parley.common.media;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SincResamplerTest {

    /** 16-bit output itself is only good for about 96 dB; linear interpolation manages 40-50 dB here. */
    @ParameterizedTest(name = "{0} Hz -> {1} Hz, {2} Hz tone")
    @CsvSource({
        "44100, 48000, 1000, 75",
        "44100, 48000, 15000, 75",
        "22050, 48000, 3000, 75",
        "8000, 48000, 1000, 75",
        "96000, 48000, 1000, 75",
        "48000, 44100, 1000, 75",
        "47999, 48000, 1000, 75",
    })
    void toneComesOutCleanAtTheNewRate(int in, int out, double hz, double minSnrDb) {
        SincResampler resampler = new SincResampler(in, out);
        int inputs = in; // one second, fed in odd-sized blocks
        float[] input = new float[inputs];
        for (int i = 0; i < inputs; i++) {
            input[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / in));
        }
        float[] output = new float[resampler.maxOutput(inputs) + out];
        int n = 0;
        for (int p = 0; p < inputs; p += 777) {
            int len = Math.min(777, inputs - p);
            n += resampler.process(input, p, len, output, n);
        }
        n += resampler.flush(output, n);

        assertThat(n).isEqualTo((int) Math.ceil((double) inputs * out / in));
        double signal = 0;
        double noise = 0;
        for (int i = out / 10; i < n - out / 10; i++) { // away from the abrupt start and end
            double expected = 0.5 * Math.sin(2 * Math.PI * hz * i / out);
            signal += expected * expected;
            noise += (output[i] - expected) * (output[i] - expected);
        }
        double snr = 10 * Math.log10(signal / noise);
        System.out.printf("resample %d -> %d Hz, %.0f Hz tone: SNR %.1f dB%n", in, out, hz, snr);
        assertThat(snr).isGreaterThan(minSnrDb);
    }
}
