/** The local {@code dev} environment: demo shop and orders, and the /dev pages (absent in every other environment). */
package com.returnsdrawer.dev;
