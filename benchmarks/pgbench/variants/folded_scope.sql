-- scripts: book1 holdbook1
SELECT 1;
