/**
 * The user's Webex spaces, as a page and as JSON.
 */
package com.example.webexoauth.rooms;
