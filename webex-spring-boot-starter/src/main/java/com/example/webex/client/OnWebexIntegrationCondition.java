package com.example.webex.client;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The condition behind {@link ConditionalOnWebexIntegration}.
 */
class OnWebexIntegrationCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		if (StringUtils.hasText(environment.getProperty("webex.client-id"))
				|| StringUtils.hasText(environment.getProperty("webex.client-secret"))) {
			return ConditionOutcome.match("a Webex Integration is configured");
		}
		return ConditionOutcome.noMatch("neither webex.client-id nor webex.client-secret is set");
	}

}
