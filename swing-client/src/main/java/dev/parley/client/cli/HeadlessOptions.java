package dev.parley.client.cli;

import dev.parley.common.media.AudioProcessing;
import dev.parley.common.video.VideoCodec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The command line of the headless client:
 * {@code --headless --link LINK --name NAME [--play speech.wav] [--record heard.wav] [--input DEVICE]
 * [--output DEVICE] [--duration 30s] [--stats] [--token TOKEN] [--bitrate 32000] [--profile DIR]
 * [--video test-pattern|screen[:N]|camera[:NAME]] [--record-video DIR] [--video-codec vp8|jpeg]
 * [--video-bitrate 500000] [--audio-processing aec,ns,agc|none]}.
 *
 * <p>With neither {@code --play} nor {@code --input} the client sends nothing; with neither
 * {@code --record} nor {@code --output} it plays nothing. A microphone ({@code --input}) is
 * cleaned up by echo cancellation, noise suppression and automatic gain unless
 * {@code --audio-processing} names fewer; a file is sent as it is.
 *
 * @param audioProcessing what cleans up the microphone: all three for {@code --input} unless told
 *                        otherwise, none without it
 */
public record HeadlessOptions(String link, String name, Optional<Path> play, Optional<Path> record,
                              Optional<String> input, Optional<String> output, Optional<Duration> duration,
                              boolean stats, String token, Optional<Integer> bitrate, Optional<Path> profile,
                              double receiveLoss, Optional<VideoChoice> video, Optional<Path> recordVideo,
                              Optional<VideoCodec> videoCodec, Optional<Integer> videoBitrate,
                              AudioProcessing audioProcessing) {

    /** What {@code --video} sends: the test pattern, a screen (by index), or a camera (by name). */
    public sealed interface VideoChoice {
        record TestPattern() implements VideoChoice {
        }

        record Screen(Optional<Integer> index) implements VideoChoice {
        }

        record Camera(Optional<String> name) implements VideoChoice {
        }
    }

    public static final String USAGE = "usage: parley-client --headless --link LINK --name NAME"
            + " [--play FILE.wav] [--record FILE.wav] [--input DEVICE] [--output DEVICE]"
            + " [--duration 30s] [--stats] [--token TOKEN] [--bitrate 16000..64000] [--profile DIR]"
            + " [--receive-loss 0..0.5 (testing: drop incoming datagrams at random)]"
            + " [--video test-pattern|screen[:N]|camera[:NAME]] [--record-video DIR]"
            + " [--video-codec vp8|jpeg] [--video-bitrate 100000..2000000]"
            + " [--audio-processing aec,ns,agc|none (for --input; all three unless told)]";

    /** A command line that cannot be run, with a sentence saying why. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /** Parses the arguments after (or including) {@code --headless}. */
    public static HeadlessOptions parse(String[] args) throws UsageException {
        String link = null;
        String name = null;
        Path play = null;
        Path record = null;
        String input = null;
        String output = null;
        Duration duration = null;
        boolean stats = false;
        String token = "";
        Integer bitrate = null;
        Path profile = null;
        double receiveLoss = 0;
        VideoChoice video = null;
        Path recordVideo = null;
        VideoCodec videoCodec = null;
        Integer videoBitrate = null;
        AudioProcessing processing = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--headless" -> { }
                case "--stats" -> stats = true;
                case "--link" -> link = value(args, ++i, arg);
                case "--name" -> name = value(args, ++i, arg);
                case "--play" -> play = Path.of(value(args, ++i, arg));
                case "--record" -> record = Path.of(value(args, ++i, arg));
                case "--input" -> input = value(args, ++i, arg);
                case "--output" -> output = value(args, ++i, arg);
                case "--duration" -> duration = parseDuration(value(args, ++i, arg));
                case "--token" -> token = value(args, ++i, arg);
                case "--bitrate" -> bitrate = parseBitrate(value(args, ++i, arg));
                case "--profile" -> profile = Path.of(value(args, ++i, arg));
                case "--receive-loss" -> receiveLoss = parseLoss(value(args, ++i, arg));
                case "--video" -> video = parseVideo(value(args, ++i, arg));
                case "--record-video" -> recordVideo = Path.of(value(args, ++i, arg));
                case "--video-codec" -> videoCodec = parseCodec(value(args, ++i, arg));
                case "--video-bitrate" -> videoBitrate = parseVideoBitrate(value(args, ++i, arg));
                case "--audio-processing" -> processing = parseProcessing(value(args, ++i, arg));
                default -> throw new UsageException("unknown option " + arg + "; " + USAGE);
            }
        }
        if (link == null) {
            throw new UsageException("--link is required; " + USAGE);
        }
        if (name == null || name.isBlank()) {
            throw new UsageException("--name is required; " + USAGE);
        }
        if (play != null && input != null) {
            throw new UsageException("use either --play or --input, not both");
        }
        if (record != null && output != null) {
            throw new UsageException("use either --record or --output, not both");
        }
        if (processing != null && input == null) {
            throw new UsageException("--audio-processing cleans up a microphone: use it with --input");
        }
        if (processing == null) {
            processing = input == null ? AudioProcessing.NONE : AudioProcessing.ALL;
        }
        return new HeadlessOptions(link, name, Optional.ofNullable(play), Optional.ofNullable(record),
                Optional.ofNullable(input), Optional.ofNullable(output), Optional.ofNullable(duration), stats,
                token, Optional.ofNullable(bitrate), Optional.ofNullable(profile), receiveLoss,
                Optional.ofNullable(video), Optional.ofNullable(recordVideo), Optional.ofNullable(videoCodec),
                Optional.ofNullable(videoBitrate), processing);
    }

    /** {@code none}, or a comma list of {@code aec} (echo cancellation), {@code ns} (noise suppression), {@code agc} (automatic gain). */
    static AudioProcessing parseProcessing(String text) throws UsageException {
        if (text.equalsIgnoreCase("none")) {
            return AudioProcessing.NONE;
        }
        AudioProcessing chosen = AudioProcessing.NONE;
        for (String part : text.split(",", -1)) {
            chosen = switch (part.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "aec" -> chosen.withEchoCancellation(true);
                case "ns" -> chosen.withNoiseSuppression(true);
                case "agc" -> chosen.withAutomaticGain(true);
                default -> throw new UsageException("--audio-processing must be none or a list of aec (echo"
                        + " cancellation), ns (noise suppression) and agc (automatic gain) such as aec,ns; got " + text);
            };
        }
        return chosen;
    }

    static VideoChoice parseVideo(String text) throws UsageException {
        if (text.equals("test-pattern")) {
            return new VideoChoice.TestPattern();
        }
        if (text.equals("screen")) {
            return new VideoChoice.Screen(Optional.empty());
        }
        if (text.startsWith("screen:")) {
            try {
                int n = Integer.parseInt(text.substring("screen:".length()));
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return new VideoChoice.Screen(Optional.of(n));
            } catch (NumberFormatException e) {
                throw new UsageException("--video " + text + ": the screen is a number from 0, such as screen:1");
            }
        }
        if (text.equals("camera")) {
            return new VideoChoice.Camera(Optional.empty());
        }
        if (text.startsWith("camera:") && text.length() > "camera:".length()) {
            return new VideoChoice.Camera(Optional.of(text.substring("camera:".length())));
        }
        throw new UsageException("--video must be test-pattern, screen[:N] or camera[:NAME], got " + text);
    }

    private static VideoCodec parseCodec(String text) throws UsageException {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "vp8" -> VideoCodec.VP8;
            case "jpeg" -> VideoCodec.JPEG;
            default -> throw new UsageException("--video-codec must be vp8 or jpeg, got " + text);
        };
    }

    private static int parseVideoBitrate(String text) throws UsageException {
        try {
            int b = Integer.parseInt(text);
            if (b < 100_000 || b > 2_000_000) {
                throw new UsageException("--video-bitrate must be between 100000 and 2000000 bit/s, got " + text);
            }
            return b;
        } catch (NumberFormatException e) {
            throw new UsageException("--video-bitrate " + text + " is not a number of bit/s");
        }
    }

    private static double parseLoss(String text) throws UsageException {
        try {
            double loss = Double.parseDouble(text);
            if (loss < 0 || loss > 0.5) {
                throw new UsageException("--receive-loss must be between 0 and 0.5, got " + text);
            }
            return loss;
        } catch (NumberFormatException e) {
            throw new UsageException("--receive-loss " + text + " is not a fraction such as 0.1");
        }
    }

    /** Parses {@code 30s}, {@code 500ms}, {@code 2m} or a plain number of seconds. */
    static Duration parseDuration(String text) throws UsageException {
        try {
            if (text.endsWith("ms")) {
                return positive(Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2))), text);
            }
            if (text.endsWith("s")) {
                return positive(Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000)), text);
            }
            if (text.endsWith("m")) {
                return positive(Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)) * 60), text);
            }
            return positive(Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000)), text);
        } catch (NumberFormatException e) {
            throw new UsageException("--duration " + text + " is not a duration such as 30s, 500ms or 2m");
        }
    }

    private static Duration positive(Duration d, String text) throws UsageException {
        if (d.isNegative() || d.isZero()) {
            throw new UsageException("--duration " + text + " must be positive");
        }
        return d;
    }

    private static int parseBitrate(String text) throws UsageException {
        try {
            int b = Integer.parseInt(text);
            if (b < 16_000 || b > 64_000) {
                throw new UsageException("--bitrate must be between 16000 and 64000 bit/s, got " + text);
            }
            return b;
        } catch (NumberFormatException e) {
            throw new UsageException("--bitrate " + text + " is not a number of bit/s");
        }
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** True when the client sends audio. */
    public boolean sends() {
        return play.isPresent() || input.isPresent();
    }

    /** True when the client plays or records what it hears. */
    public boolean receives() {
        return record.isPresent() || output.isPresent();
    }
}
