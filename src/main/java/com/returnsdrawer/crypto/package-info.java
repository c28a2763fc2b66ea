/** HMAC-SHA256 signatures, constant-time comparison and AES-256-GCM token encryption, on the JDK alone. */
package com.returnsdrawer.crypto;
