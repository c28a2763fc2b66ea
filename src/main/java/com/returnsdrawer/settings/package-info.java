/** Per-shop returns settings: defaults, validation, the admin API, and the policy eligibility reads. */
package com.returnsdrawer.settings;
