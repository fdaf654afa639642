package com.example.webex.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the application names a Webex Integration: {@code webex.client-id} or
 * {@code webex.client-secret} ({@code WEBEX_CLIENT_ID}, {@code WEBEX_CLIENT_SECRET}) is
 * set. The starter's auto-configuration stays out of applications that set neither
 * (another application in the same JVM, such as a Webex simulator started by a test); one
 * of the two without the other is reported at start-up by {@link ConfigurationCheck}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnWebexIntegrationCondition.class)
public @interface ConditionalOnWebexIntegration {

}
