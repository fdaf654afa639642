/**
 * The user's Webex profile and grant, as a page and as JSON, and disconnecting.
 */
package com.example.webexoauth.profile;
