// What a demo load leaves in the graph, by kind of node and relationship.
CALL () {
  MATCH (n:Patent) RETURN 'patents' AS what, count(n) AS n
  UNION ALL MATCH (n:Inventor) RETURN 'inventors' AS what, count(n) AS n
  UNION ALL MATCH (n:Enterprise) RETURN 'enterprises' AS what, count(n) AS n
  UNION ALL MATCH (n:Expert) RETURN 'experts' AS what, count(n) AS n
  UNION ALL MATCH (n:Evaluation) RETURN 'evaluations' AS what, count(n) AS n
  UNION ALL MATCH (n:Transaction) RETURN 'transactions' AS what, count(n) AS n
  UNION ALL MATCH (n:TechNeed) RETURN 'techNeeds' AS what, count(n) AS n
  UNION ALL MATCH (n:Patent) WHERE n.inventoryState <> 'NOT_INVENTORIED'
    RETURN 'inventoried' AS what, count(n) AS n
  UNION ALL MATCH (n:Patent {inventoryState: 'SCREENED_IN'}) RETURN 'screenedIn' AS what, count(n) AS n
  UNION ALL MATCH (n:Patent {openLicence: true}) RETURN 'openLicences' AS what, count(n) AS n
  UNION ALL MATCH ()-[r]->() RETURN 'relationships' AS what, count(r) AS n
  UNION ALL MATCH (n) RETURN 'nodes' AS what, count(n) AS n
}
RETURN what, n
