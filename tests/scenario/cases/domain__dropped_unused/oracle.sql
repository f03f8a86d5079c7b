DROP DOMAIN unused_dom;
