package dev.parley.relay.cluster;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when {@code parley.relay.cluster.redis} holds a URL (config/application.yml ships it empty). */
final class ClusterEnabled implements Condition {
    static final String PROPERTY = "parley.relay.cluster.redis";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String url = context.getEnvironment().getProperty(PROPERTY, "");
        return !url.isBlank();
    }
}
