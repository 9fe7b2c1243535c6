package dev.parley.relay.ops;

import dev.parley.common.domain.ControlMessage;
import dev.parley.common.quic.QuicTransport;
import dev.parley.relay.RelayApplication;
import dev.parley.relay.server.RelayTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /actuator/info}: the relay's version, its protocol and its certificate fingerprint. */
@Component
public class RelayInfoContributor implements InfoContributor {
    private final RelayTls tls;
    private final String version;

    public RelayInfoContributor(RelayTls tls, ObjectProvider<BuildProperties> build) {
        this.tls = tls;
        BuildProperties props = build.getIfAvailable();
        String v = props != null ? props.getVersion() : RelayApplication.class.getPackage().getImplementationVersion();
        this.version = v != null ? v : "unknown";
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> relay = new LinkedHashMap<>();
        relay.put("version", version);
        relay.put("protocol", QuicTransport.ALPN);
        relay.put("protocolVersion", ControlMessage.Hello.CURRENT_VERSION);
        relay.put("certificateFingerprint", tls.fingerprint());
        relay.put("pin", "?pin=" + tls.fingerprint());
        builder.withDetail("relay", relay);
    }
}
