package com.example.webex.client;

import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * Marks a {@link ClientHttpRequestInterceptor} bean that
 * {@link WebexClientAutoConfiguration} adds to the Webex {@code RestClient}, outermost
 * first in {@code @Order} order (e.g. the one that sets the bearer token and refreshes it
 * once on 401).
 */
public interface WebexRequestInterceptor extends ClientHttpRequestInterceptor {

}
