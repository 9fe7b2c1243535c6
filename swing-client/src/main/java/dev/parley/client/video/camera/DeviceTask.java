package dev.parley.client.video.camera;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;
import com.github.sarxos.webcam.WebcamTask;

/**
 * One call into a camera device, run the way webcam-capture runs its own: on its single
 * processor thread when the driver is not thread-safe (the native default driver), directly
 * otherwise. Failures come back as the driver's runtime exceptions, usually wrapped.
 */
final class DeviceTask<T> extends WebcamTask {

    /** What to do with the device. */
    @FunctionalInterface
    interface Action<T> {
        T apply(WebcamDevice device);
    }

    private final Action<T> action;
    private volatile T result;

    private DeviceTask(WebcamDriver driver, WebcamDevice device, Action<T> action) {
        super(driver, device);
        this.action = action;
    }

    static <T> T run(WebcamDriver driver, WebcamDevice device, Action<T> action) throws InterruptedException {
        DeviceTask<T> task = new DeviceTask<>(driver, device, action);
        task.process();
        return task.result;
    }

    @Override
    protected void handle() {
        result = action.apply(getDevice());
    }
}
