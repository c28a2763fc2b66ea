/** Privacy compliance: customer data requests with their exports, customer and shop redaction. */
package com.returnsdrawer.compliance;
