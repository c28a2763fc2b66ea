/** Installing the app: OAuth begin and callback, token exchange on embedded loads, and the post-install import. */
package com.returnsdrawer.install;
